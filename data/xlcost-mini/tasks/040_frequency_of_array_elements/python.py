# Function to count the frequency of each element of the array
def countFreq(arr, n):
    mp = {}
    # Traverse through array elements and count frequencies
    for i in range(n):
        if arr[i] in mp:
            mp[arr[i]] += 1
        else:
            mp[arr[i]] = 1
    # Print the elements in increasing order along with their frequencies
    for x in sorted(mp):
        print(x, mp[x])


# Driver code
arr = [10, 20, 20, 10, 10, 20, 5, 20]
n = len(arr)
countFreq(arr, n)
