# Function to find the candidate for majority
def findCandidate(A, size):
    maj_index = 0
    count = 1
    for i in range(1, size):
        if A[maj_index] == A[i]:
            count += 1
        else:
            count -= 1
        if count == 0:
            maj_index = i
            count = 1
    return A[maj_index]


# Function to check if the candidate occurs more than n / 2 times
def isMajority(A, size, cand):
    count = 0
    for i in range(size):
        if A[i] == cand:
            count += 1
    return count > size // 2


# Function to print the majority element
def printMajority(A, size):
    # Find the candidate for majority
    cand = findCandidate(A, size)
    # Print the candidate if it is majority
    if isMajority(A, size, cand):
        print(cand)
    else:
        print("No Majority Element")


# Driver code
A = [1, 3, 3, 1, 2]
printMajority(A, len(A))
B = [2, 2, 3, 2, 5, 2, 2]
printMajority(B, len(B))
