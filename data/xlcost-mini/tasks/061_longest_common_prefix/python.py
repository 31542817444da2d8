# Function to find the longest common prefix of two strings
def commonPrefixUtil(str1, str2):
    result = ""
    n1 = len(str1)
    n2 = len(str2)
    # Compare str1 and str2 character by character
    i = 0
    while i < n1 and i < n2:
        if str1[i] != str2[i]:
            break
        result += str1[i]
        i += 1
    return result


# Function to print the longest common prefix of all the strings in arr[]
def commonPrefix(arr, n):
    prefix = arr[0]
    # Keep the common prefix of the result so far and the next string
    for i in range(1, n):
        prefix = commonPrefixUtil(prefix, arr[i])
    if len(prefix) > 0:
        print("The longest common prefix is", prefix)
    else:
        print("There is no common prefix")


# Driver code
arr = ["geeksforgeeks", "geeks", "geek", "geezer"]
commonPrefix(arr, len(arr))
arr2 = ["dog", "racecar", "car"]
commonPrefix(arr2, len(arr2))
